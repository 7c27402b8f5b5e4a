/**
 * API keys with names and scopes, checked in constant time and never logged; which scope each path needs.
 */
package com.exchange.ledger.api.security;
