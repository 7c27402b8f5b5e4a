/**
 * An H2 backend for mongo-java-server whose unique-index keys carry their serialised form, and the list of the
 * library's internals it relies on ({@link de.bwaldvogel.mongo.backend.h2.PinnedInternals}). It lives in the
 * library's package only because it extends package-private internals of the pinned version; nothing outside
 * ledger-embedded-store sees it (docs/store-differences.md, docs/adr/0017-embedded-store-module.md).
 */
package de.bwaldvogel.mongo.backend.h2;
