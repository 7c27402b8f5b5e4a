package com.exchange.ledger.api.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} and {@code --name=value} options of the admin's subcommands that take named options
 * ({@code smoke-test}, {@code verify-proof}): each known name at most once, every one with a value. An unknown word is
 * named only when it looks like an option, since it may be a key or a secret typed in the wrong place.
 */
public final class CommandLineOptions {

    /** A command line that cannot be read; its message is for the operator, never holds an option's value. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private CommandLineOptions() {
    }

    /** The options given, by name, in the order given; {@link Invalid} on an unknown, repeated or valueless one. */
    public static Map<String, String> parse(List<String> args, Set<String> known) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            if (!known.contains(name)) {
                throw new Invalid(name.matches("--[a-z][a-z-]{0,30}") ? "unknown option " + name + " (options: " + known + ")"
                        : "unknown argument (options: " + known + ")");
            }
            if (options.containsKey(name)) {
                throw new Invalid(name + " is given twice");
            }
            String value;
            if (equals > 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new Invalid(name + " needs a value");
            }
            options.put(name, value);
        }
        return options;
    }
}
