/**
 * The open holds view: every hold not yet released or unlocked, with its age, and which account holds a given hold
 * id.
 */
package com.exchange.ledger.projections.holds;
