#include "ledger/note.h"

#include <gtest/gtest.h>

namespace fishbowl::ledger {
namespace {

// The example key and note of the reference implementation of the signed-note format.
const char* kSigner = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const char* kVerifier = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const char* kText =
    "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const char* kNote =
    "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n\n"
    "\xe2\x80\x94 PeterNeumann "
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

TEST(SignedNote, ReproducesTheReferenceExampleByteForByte) {
  auto s = Signer::parse(kSigner);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->verifier_key(), kVerifier);
  EXPECT_EQ(s->encode(), kSigner);
  EXPECT_EQ(s->sign(kText), kNote);
  auto v = Verifier::parse(kVerifier);
  ASSERT_TRUE(v.ok());
  auto opened = open_note(kNote, *v);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, kText);
}

TEST(SignedNote, RefusesTamperingOtherKeysAndJunk) {
  auto v = Verifier::parse(kVerifier).value();
  std::string tampered = kNote;
  tampered[3] = 'X';
  EXPECT_EQ(open_note(tampered, v).error().code, "note.unverified");
  auto other = Signer::generate("PeterNeumann").value();
  EXPECT_EQ(open_note(other.sign(kText), v).error().code, "note.unverified");
  EXPECT_EQ(open_note("no signature here\n", v).error().code, "note.malformed");
  EXPECT_EQ(open_note("", v).error().code, "note.malformed");
  EXPECT_FALSE(Verifier::parse("PeterNeumann+00000000+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW").ok());
  EXPECT_FALSE(Verifier::parse("junk").ok());
  EXPECT_FALSE(Signer::parse("PRIVATE+KEY+x+00+AAAA").ok());
  EXPECT_FALSE(Signer::generate("has space").ok());
}

TEST(Checkpoint, TextRoundTrips) {
  Checkpoint c{"fishbowl/test", 12345, leaf_hash("x")};
  auto text = checkpoint_text(c);
  EXPECT_EQ(text.substr(0, 20), "fishbowl/test\n12345\n");
  auto parsed = parse_checkpoint(text);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->size, 12345u);
  EXPECT_EQ(parsed->root, c.root);
  EXPECT_FALSE(parse_checkpoint("o\n012\nAAAA\n").ok());
  EXPECT_FALSE(parse_checkpoint("o\n12\n").ok());
}

}  // namespace
}  // namespace fishbowl::ledger
