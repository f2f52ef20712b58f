#pragma once
// How alike two short Chinese texts read: the pairs (bigrams) of their Chinese characters and their words of
// ASCII letters and digits, compared as sets. Cheap enough to score a few thousand candidates per request,
// and blind to word order, which suits "路灯不亮" against "不亮的路灯".
#include <set>
#include <string>
#include <string_view>

namespace fishbowl::hotline::detail {

std::set<std::string> pairs_of(std::string_view text);
// |a ∩ b| / |a|: how much of a is found in b.
double covered(const std::set<std::string>& a, const std::set<std::string>& b);
// Dice coefficient 2|a ∩ b| / (|a| + |b|).
double alike(const std::set<std::string>& a, const std::set<std::string>& b);

}  // namespace fishbowl::hotline::detail
