/**
 * What the service says when it starts: the store and settings it runs on, production-mode checks, and refusals in
 * one sentence instead of a stack trace.
 */
package com.exchange.ledger.api.startup;
