#pragma once
// Checks and masks of citizens' personal data: what is accepted at the door, and how much of it the public
// may see.
#include <string>

namespace fishbowl {

// A mobile number (11 digits from 13x to 19x) or a landline with its area code (0999-1234567 or 09991234567).
bool is_phone_number(const std::string& p);

// The 18-character resident identity number (GB 11643): 17 digits with a real birth date, and the check
// character of the ISO 7064 MOD 11-2 sum.
bool is_resident_id_number(const std::string& id);

// The 18-character unified social credit code of an organisation (GB 32100): its characters from the
// code's alphabet (digits and capitals without I, O, S, V, Z) and the check character of its weighted sum.
bool is_credit_code(const std::string& code);

// 张三 -> 张*, 欧阳娜娜 -> 欧***: enough for the person to recognise, too little to identify.
std::string masked_name(const std::string& name);

// 11010519491231002X -> 110105********002X: the place of registration and the last four, not the birth date.
std::string masked_id_number(const std::string& id);

}  // namespace fishbowl
