package com.exchange.ledger.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A class written as a test that the default suite must not run: a tool run on purpose (e.g. the writer of a
 * committed fixture, which would overwrite the record it makes). Its name matches no surefire include, and
 * {@link SuiteCoverageTest} accepts it only with this annotation and its reason.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface OnDemand {

    /** Why the suite must not run it, and how to run it. */
    String value();
}
