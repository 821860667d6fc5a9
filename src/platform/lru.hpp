#pragma once
// A bounded map that forgets the entries least recently read or written first, shared by threads
// (one mutex). For what a server keeps of pages it read from the database, under a key that says
// what was read (and a generation in the value that says whether it still holds).
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace sgee {

template <class Value>
class LruCache {
 public:
  explicit LruCache(size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  // A copy of the entry (now the most recently used), or nothing.
  std::optional<Value> get(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    order_.splice(order_.begin(), order_, it->second.first);
    return it->second.second;
  }

  // Keeps `value` under `key` (replacing what was there), forgetting the least recently used
  // entry beyond the capacity.
  void put(const std::string& key, Value value) {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(key); it != entries_.end()) {
      it->second.second = std::move(value);
      order_.splice(order_.begin(), order_, it->second.first);
      return;
    }
    if (entries_.size() >= capacity_) {
      entries_.erase(order_.back());
      order_.pop_back();
    }
    order_.push_front(key);
    entries_.emplace(key, std::make_pair(order_.begin(), std::move(value)));
  }

  size_t size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
  }

 private:
  size_t capacity_;
  mutable std::mutex mutex_;
  std::list<std::string> order_;  // most recently used first
  std::unordered_map<std::string, std::pair<std::list<std::string>::iterator, Value>> entries_;
};

}  // namespace sgee
