package com.exchange.ledger.api.smoke;

import com.exchange.ledger.api.admin.CommandLineOptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What {@code ledger-admin smoke-test} was asked, checked before anything is sent: the deployment's base URL, the API
 * key and the IPN secret (from options or the environment; neither is ever printed), and how long a step waits for
 * the read views to follow a command.
 */
record SmokeTestOptions(URI baseUrl, String apiKey, String ipnSecret, Duration viewWait) {

    static final String API_KEY_ENV = "LEDGER_API_KEY";
    static final String IPN_SECRET_ENV = "NOWPAYMENTS_IPN_SECRET";
    static final int DEFAULT_WAIT_SECONDS = 30;
    static final int MAX_WAIT_SECONDS = 600;
    private static final int MAX_URL_LENGTH = 2048;
    private static final int MAX_SECRET_LENGTH = 1024;
    private static final List<String> OPTIONS = List.of("--base-url", "--api-key", "--ipn-secret", "--wait-seconds");

    /** A mistake in the command: said with the usage, exit status 2. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** The options after {@code smoke-test}; the environment supplies what they leave out. */
    static SmokeTestOptions parse(List<String> args, Map<String, String> env) {
        Map<String, String> given;
        try {
            given = CommandLineOptions.parse(args, new java.util.LinkedHashSet<>(OPTIONS));
        } catch (CommandLineOptions.Invalid mistake) {
            throw new Invalid(mistake.getMessage());
        }
        String baseUrl = given.get("--base-url");
        String apiKey = given.get("--api-key");
        String ipnSecret = given.get("--ipn-secret");
        String waitSeconds = given.get("--wait-seconds");
        return new SmokeTestOptions(baseUrl(baseUrl), secret("--api-key", API_KEY_ENV, apiKey, env),
                secret("--ipn-secret", IPN_SECRET_ENV, ipnSecret, env), waitSeconds(waitSeconds));
    }

    private static URI baseUrl(String text) {
        if (text == null || text.isBlank()) {
            throw new Invalid("--base-url is required, e.g. --base-url https://ledger.internal:8080");
        }
        if (text.length() > MAX_URL_LENGTH) {
            throw new Invalid("--base-url is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text : text + "/");
        } catch (URISyntaxException e) {
            throw new Invalid("--base-url is not a URL: " + LedgerHttp.quoted(e.getReason()));
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new Invalid("--base-url must be http:// or https:// with a host, and no query, fragment or user"
                    + " (e.g. https://ledger.internal:8080)");
        }
        return uri;
    }

    private static String secret(String option, String variable, String given, Map<String, String> env) {
        String value = given != null ? given : env.get(variable);
        if (value == null || value.isBlank()) {
            throw new Invalid("no " + (option.equals("--api-key") ? "API key" : "NOWPayments IPN secret") + ": set " + variable
                    + " (or give " + option + ")");
        }
        if (value.length() > MAX_SECRET_LENGTH || value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new Invalid(option + " (or " + variable + ") must be at most " + MAX_SECRET_LENGTH
                    + " printable characters without spaces");
        }
        return value;
    }

    private static Duration waitSeconds(String text) {
        if (text == null) {
            return Duration.ofSeconds(DEFAULT_WAIT_SECONDS);
        }
        if (!text.matches("[0-9]{1,3}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_WAIT_SECONDS) {
            throw new Invalid("--wait-seconds needs a whole number from 1 to " + MAX_WAIT_SECONDS + ", not '"
                    + LedgerHttp.quoted(text.length() > 20 ? text.substring(0, 20) : text) + "'");
        }
        return Duration.ofSeconds(Integer.parseInt(text));
    }

    @Override
    public String toString() {
        // a record's own toString would print the key and the secret
        return "SmokeTestOptions[baseUrl=" + baseUrl + ", viewWait=" + viewWait + "]";
    }
}
