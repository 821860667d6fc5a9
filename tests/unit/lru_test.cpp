// Unit tests for src/platform/lru.hpp: the bounded map forgets the least recently used entry
// first, reading an entry makes it recent, writing a kept key replaces its value.
#include "platform/lru.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

TEST(LruCache, ForgetsTheLeastRecentlyUsedEntryFirst) {
  sgee::LruCache<int> cache(2);
  EXPECT_FALSE(cache.get("a"));
  cache.put("a", 1);
  cache.put("b", 2);
  ASSERT_EQ(cache.get("a"), 1);  // "a" is now the most recent: "b" goes first
  cache.put("c", 3);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.get("a"), 1);
  EXPECT_FALSE(cache.get("b"));
  EXPECT_EQ(cache.get("c"), 3);
  cache.put("a", 10);  // replaced, not added
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.get("a"), 10);
  cache.put("d", 4);  // "c" was read before "a" was written: "c" goes
  EXPECT_FALSE(cache.get("c"));
  EXPECT_EQ(cache.get("d"), 4);
}

TEST(LruCache, AZeroCapacityKeepsOneEntry) {
  sgee::LruCache<std::string> cache(0);
  cache.put("a", "x");
  cache.put("b", "y");
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.get("b"), "y");
}

}  // namespace
