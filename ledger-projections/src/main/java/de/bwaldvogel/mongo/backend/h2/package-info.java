/**
 * An H2 backend for mongo-java-server whose unique-index keys carry their serialised form; it lives in the library's
 * package because it extends package-private internals of the pinned version (docs/store-differences.md).
 */
package de.bwaldvogel.mongo.backend.h2;
