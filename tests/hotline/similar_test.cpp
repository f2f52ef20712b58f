// How alike two hotline reports read, which flags likely duplicates (0.35) and suggests knowledge entries
// (0.3): shared words of the matter count, a shared date alone must not.
#include "hotline/similar.h"

#include <gtest/gtest.h>

namespace fishbowl::hotline::detail {
namespace {

double alike_texts(const std::string& a, const std::string& b) {
  return alike(pairs_of(a), pairs_of(b));
}

TEST(HotlineSimilar, ChineseCountsByPairsAndAsciiRunsCountWhole) {
  EXPECT_EQ(pairs_of("路灯不亮，浙A12345"), (std::set<std::string>{"路灯", "灯不", "不亮", "a12345"}));
  EXPECT_EQ(pairs_of("５G信号"), (std::set<std::string>{"5g", "信号"}));
}

TEST(HotlineSimilar, TheSameMatterInOtherWordsIsAlike) {
  EXPECT_GT(alike_texts("小区路灯不亮，请尽快维修", "路灯不亮好几天了，小区很黑"), 0.35);
  EXPECT_GT(alike_texts("车牌浙A12345停在消防通道", "车牌浙A12345占用盲道"), 0.35);
}

TEST(HotlineSimilar, ASharedDateAloneIsNotAlike) {
  EXPECT_LT(alike_texts("2026年12月16日，小区路灯不亮，请尽快维修", "2026年12月16日，楼下噪音扰民，影响休息"),
            0.3);
}

}  // namespace
}  // namespace fishbowl::hotline::detail
