// The checks of personal data at the door: identity numbers, credit codes and phones, and the masked names.
#include "core/personal.h"

#include <gtest/gtest.h>

namespace fishbowl {
namespace {

TEST(Personal, ResidentIdNumbersNeedARealBirthDateAndTheirCheckCharacter) {
  EXPECT_TRUE(is_resident_id_number("11010519491231002X"));
  EXPECT_FALSE(is_resident_id_number("110105194912310021"));  // wrong check character
  EXPECT_FALSE(is_resident_id_number("11010519491331002X"));  // month 13
  EXPECT_FALSE(is_resident_id_number("11010519491231002"));   // 17 characters
  EXPECT_FALSE(is_resident_id_number("11010519491231002x"));  // the check X is upper case
}

TEST(Personal, CreditCodesUseTheirAlphabetAndCheckCharacter) {
  EXPECT_TRUE(is_credit_code("91350100M000100Y43"));
  EXPECT_FALSE(is_credit_code("91350100M000100Y44"));  // wrong check character
  EXPECT_FALSE(is_credit_code("91350100O000100Y43"));  // O is not in the alphabet
  EXPECT_FALSE(is_credit_code("91350100m000100Y43"));
  EXPECT_FALSE(is_credit_code("91350100M000100Y4"));
  // Every valid 17-character body has exactly one check character.
  int valid = 0;
  for (char c : std::string("0123456789ABCDEFGHJKLMNPQRTUWXY"))
    valid += is_credit_code(std::string("91350100M000100Y4") + c);
  EXPECT_EQ(valid, 1);
}

TEST(Personal, PhonesAreMobilesOrLandlinesWithTheAreaCode) {
  EXPECT_TRUE(is_phone_number("13900001111"));
  EXPECT_TRUE(is_phone_number("0999-1234567"));
  EXPECT_FALSE(is_phone_number("12345"));
  EXPECT_FALSE(is_phone_number("12900001111"));
}

TEST(Personal, NamesKeepTheirFirstCharacter) {
  EXPECT_EQ(masked_name("张三"), "张*");
  EXPECT_EQ(masked_name("张三丰"), "张**");
  EXPECT_EQ(masked_name("王"), "王*");
}

TEST(Personal, IdentityNumbersKeepTheirPlaceAndLastFourOnly) {
  EXPECT_EQ(masked_id_number("11010519491231002X"), "110105********002X");
  EXPECT_EQ(masked_id_number("1234567890"), "**********");  // too short to show any of it
}

}  // namespace
}  // namespace fishbowl
