#pragma once
// Checks and masks of citizens' personal data: what is accepted at the door, and how much of it the public
// may see.
#include <string>

namespace fishbowl {

// A mobile number (11 digits from 13x to 19x) or a landline with its area code (0999-1234567 or 09991234567).
bool is_phone_number(const std::string& p);

// 张三 -> 张*, 欧阳娜娜 -> 欧***: enough for the person to recognise, too little to identify.
std::string masked_name(const std::string& name);

}  // namespace fishbowl
