package com.exchange.ledger.api.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The smoke test's view of a running ledger: JSON over HTTP with the JDK's client, every call bounded in time. A
 * failure of the call itself (no connection, a timeout, an answer that is not JSON) is a {@link StepFailed} naming the
 * call, never a stack trace; the API key goes into the header and nowhere else.
 */
final class LedgerHttp {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The most of a problem's detail or an unexpected body a failure quotes. */
    private static final int MAX_QUOTED = 200;

    /** An answer: its status and its JSON body ({@link MissingNode} when it has none). */
    record Answer(int status, JsonNode body) {

        boolean ok() {
            return status / 100 == 2;
        }

        /** The refusal as the API states it: status, problem code and detail. */
        String refusal() {
            String code = body.path("code").asText("");
            String detail = body.path("detail").asText("");
            return status + (code.isEmpty() ? "" : " " + code) + (detail.isEmpty() ? "" : ": " + quoted(detail));
        }
    }

    private final HttpClient client;
    private final URI baseUrl;
    private final String apiKey;
    private final Duration requestTimeout;
    private final ObjectMapper json = new ObjectMapper();

    /** HTTP/1.1: what every proxy in front of the service speaks, without an h2c upgrade on a request with a body. */
    LedgerHttp(URI baseUrl, String apiKey, Duration requestTimeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.requestTimeout = requestTimeout;
    }

    Answer get(String path) {
        return send("GET", path, authorised(request(path)).GET());
    }

    /** A POST with the API key. */
    Answer post(String path, String body) {
        return send("POST", path, authorised(request(path)).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** A POST without the API key, with headers of its own (the payment gateway's callback). */
    Answer postUnauthenticated(String path, String body, String headerName, String headerValue) {
        return send("POST", path, request(path).header(headerName, headerValue)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** An open endpoint (health), without the key. */
    Answer getOpen(String path) {
        return send("GET", path, request(path).GET());
    }

    /** The answer's body when it is a success, else a {@link StepFailed} saying what the service answered. */
    JsonNode ok(String what, Answer answer) {
        if (!answer.ok()) {
            throw new StepFailed(what + " answered " + answer.refusal() + hint(answer));
        }
        return answer.body();
    }

    private static String hint(Answer answer) {
        return switch (answer.status()) {
            case 401 -> " (check the API key: LEDGER_API_KEY or --api-key)";
            case 403 -> " (the key needs the scopes ledger:read, ledger:write and ledger:admin)";
            default -> "";
        };
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(requestTimeout)
                .header("Content-Type", "application/json").header("Accept", "application/json");
    }

    private HttpRequest.Builder authorised(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + apiKey);
    }

    private Answer send(String method, String path, HttpRequest.Builder request) {
        String call = method + " /" + path;
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException timeout) {
            throw new StepFailed(call + " had no answer within " + requestTimeout.toSeconds() + " s");
        } catch (IOException unreachable) {
            throw new StepFailed(call + " failed: cannot reach " + baseUrl + " (" + unreachable.getClass().getSimpleName()
                    + (unreachable.getMessage() == null ? "" : ": " + quoted(unreachable.getMessage())) + ")");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StepFailed(call + " was interrupted");
        }
        String text = response.body();
        if (text == null || text.isBlank()) {
            return new Answer(response.statusCode(), MissingNode.getInstance());
        }
        try {
            return new Answer(response.statusCode(), json.readTree(text));
        } catch (IOException notJson) {
            throw new StepFailed(call + " answered " + response.statusCode() + " with a body that is not JSON: " + quoted(text)
                    + " (is " + baseUrl + " the ledger?)");
        }
    }

    static String quoted(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_QUOTED ? oneLine : oneLine.substring(0, MAX_QUOTED) + "...";
    }
}
