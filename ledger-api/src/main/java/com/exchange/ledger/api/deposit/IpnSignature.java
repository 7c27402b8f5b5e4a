package com.exchange.ledger.api.deposit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The gateway's callback signature: hex HMAC-SHA512 of the canonical body, keyed with the IPN secret. Public for the
 * smoke test ({@code ledger-admin smoke-test}), which signs its callback as the gateway does.
 */
public final class IpnSignature {

    private final byte[] secret;

    public IpnSignature(String secret) {
        this.secret = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
    }

    boolean configured() {
        return secret.length > 0;
    }

    String sign(String canonicalBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(secret, "HmacSHA512"));
            return HexFormat.of().formatHex(mac.doFinal(canonicalBody.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is part of every JVM", e);
        }
    }

    /** The signature the gateway would send with this body (the canonical form of the body, signed). */
    public String signBody(byte[] body) {
        return sign(CanonicalJson.of(body));
    }

    /** Compared in constant time over the bytes; a missing header, no secret or a malformed body never verifies. */
    boolean verifies(byte[] body, String presented) {
        if (!configured() || presented == null || presented.length() != 128) {
            return false;
        }
        String expected;
        try {
            expected = sign(CanonicalJson.of(body));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                presented.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
