#pragma once
// A document as PostgreSQL's index is fed it: the tsvector of its title's and body's tokens, as text to cast.
// Putting a document and re-feeding stored ones (refeed.h) both go through here.
#include <string>

namespace fishbowl::search {

std::string tsvector_of(const std::string& title, const std::string& body);

}  // namespace fishbowl::search
