package com.exchange.ledger.api.deposit;

import com.exchange.ledger.api.BoundedNumbers;
import com.exchange.ledger.api.flow.FlowViews;
import com.exchange.ledger.core.deposit.DepositCommands.RecordPaymentNotification;
import com.exchange.ledger.core.deposit.DepositProcess;
import com.exchange.ledger.core.deposit.DepositState;
import com.exchange.ledger.core.deposit.PaymentId;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.Decimals;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.exchange.ledger.core.shared.UserId;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The gateway-callback use case: translates NOWPayments' signed IPN body into the deposit's command and the deposit's
 * state into the answer. The HTTP controller only hands it the bytes and the signature header.
 * <p>
 * The gateway reports amounts as JSON numbers; a received amount with more decimals than the currency keeps is
 * rounded down (the ledger never credits more than arrived) and the gateway's own text is kept on the record.
 * <p>
 * The signature covers the body as the gateway's JavaScript reads it, every number a double, so it does not fix
 * digits a double cannot hold: {@code 0.5} and {@code 0.500000000000000049} share one signature, as do the payment ids
 * {@code 9007199254740992} and {@code 9007199254740993}. The ledger acts only on what was signed: a number it acts on
 * ({@link #SIGNED_NUMBERS}) that is not exactly its signed form is refused ({@link NumberNotSigned}) and nothing is
 * recorded.
 */
@Service
class NowPaymentsCallbacks {

    private static final Logger log = LoggerFactory.getLogger(NowPaymentsCallbacks.class);
    private static final Pattern STATUS = Pattern.compile("[a-z_]{1,40}");
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(BoundedNumbers.constraints()).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).nodeFactory(BoundedNumbers.NODES).build();

    /** The callback's fields the ledger acts on that may be JSON numbers. */
    static final List<String> SIGNED_NUMBERS = List.of("payment_id", "order_id", "actually_paid", "pay_amount");

    record Acknowledged(String paymentId, String userId, String currency, String paymentStatus, String creditedTotal,
                        int credits, boolean reviewRequired) {
    }

    private final IpnSignature signature;
    private final DepositProcess deposits;
    private final NowPaymentsTickers tickers;
    private final CurrencyTable currencies;
    private final Clock clock;

    NowPaymentsCallbacks(@Value("${ledger.nowpayments-ipn-secret:}") String secret, DepositProcess deposits, NowPaymentsTickers tickers,
                         CurrencyTable currencies, Clock clock) {
        this.signature = new IpnSignature(secret);
        this.deposits = deposits;
        this.tickers = tickers;
        this.currencies = currencies;
        this.clock = clock;
        if (!signature.configured()) {
            log.warn("NOWPAYMENTS_IPN_SECRET is not set: every payment callback will be refused");
        }
    }

    /** Whether the body is what the gateway signed with the shared secret. */
    boolean authentic(byte[] body, String presented) {
        return signature.verifies(body, presented);
    }

    /** Records a callback whose signature verified; refuses (and records nothing) what the ledger cannot act on. */
    Acknowledged record(byte[] body) {
        JsonNode callback;
        try {
            callback = JSON.readTree(body);
        } catch (StreamConstraintsException | BoundedNumbers.OutOfRange outOfRange) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "body", RuleViolation.Rule.OUT_OF_RANGE, "a number in the callback is out of range");
        } catch (IOException e) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "body", RuleViolation.Rule.MALFORMED_JSON, "the callback is not a JSON object");
        }
        if (callback == null || !callback.isObject()) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "body", RuleViolation.Rule.INVALID_FORMAT, "the callback is not a JSON object");
        }
        for (String field : SIGNED_NUMBERS) {
            JsonNode number = callback.get(field);
            if (number != null && number.isNumber() && !JsNumbers.signedExactly(number.decimalValue())) {
                throw new NumberNotSigned(field, number.decimalValue());
            }
        }
        PaymentId paymentId = PaymentId.of(idText(callback, "payment_id"));
        String status = text(callback, "payment_status");
        if (!STATUS.matcher(status).matches()) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "payment_status", RuleViolation.Rule.UNKNOWN_VALUE, "payment_status is not a gateway status");
        }
        UserId user = UserId.of(idText(callback, "order_id"), "order_id");
        Currency currency = tickers.currencyOf(text(callback, "pay_currency"), currencies);
        JsonNode receivedNode = received(callback, status);
        Money received = receivedNode == null ? null : amount(receivedNode, currency);
        DepositState state = deposits.record(new RecordPaymentNotification(paymentId, new AccountId(user, currency.code()), status,
                received, receivedNode == null ? null : receivedNode.asText(), clock.instant()));
        log.info("payment callback {} {} for {}: credited {} in {} credits{}", paymentId.value(), status, state.account(),
                state.creditedTotal(), state.credits(), state.reviewRequired() ? " (review required)" : "");
        return new Acknowledged(paymentId.value(), state.account().user().value(), state.account().currency(), state.status(),
                FlowViews.plain(state.creditedTotal().amount().signum() == 0 ? currency.zero() : state.creditedTotal()),
                state.credits(), state.reviewRequired());
    }

    /** A number the ledger would act on that the signature does not fix (see the class comment). */
    static final class NumberNotSigned extends RuntimeException {
        final String field;

        NumberNotSigned(String field, BigDecimal value) {
            super(String.format("%s %s is not exactly the number the signature covers: JavaScript reads it as %s", field,
                    Decimals.shown(value), JsNumbers.signedForm(value)), null, false, false);
            this.field = field;
        }
    }

    /** What arrived: {@code actually_paid}; for a finished payment that does not report it, {@code pay_amount}. */
    private static JsonNode received(JsonNode callback, String status) {
        JsonNode actuallyPaid = callback.get("actually_paid");
        boolean reported = actuallyPaid != null && !actuallyPaid.isNull();
        if ("finished".equals(status) && (!reported || actuallyPaid.isNumber() && actuallyPaid.decimalValue().signum() == 0)) {
            JsonNode payAmount = callback.get("pay_amount");
            return payAmount == null || payAmount.isNull() ? null : payAmount;
        }
        return reported ? actuallyPaid : null;
    }

    private static Money amount(JsonNode node, Currency currency) {
        BigDecimal value;
        if (node.isNumber()) {
            value = node.decimalValue();
        } else if (node.isTextual() && node.textValue().matches("[0-9]{1,20}(\\.[0-9]{1,30})?")) {
            value = new BigDecimal(node.textValue());
        } else {
            throw LedgerRejection.invalid(RejectionCode.INVALID_AMOUNT, "actually_paid", RuleViolation.Rule.AMOUNT_NOT_DECIMAL, "the received amount is not a decimal");
        }
        if (value.signum() < 0) {
            throw LedgerRejection.invalid(RejectionCode.INVALID_AMOUNT, "actually_paid", RuleViolation.Rule.AMOUNT_MUST_NOT_BE_NEGATIVE, "the received amount is negative");
        }
        // refused on its exponent before the rounding below, which would expand 1e9999999 in full
        if (!Decimals.bounded(value) || value.compareTo(Currency.MAX_AMOUNT) >= 0) {
            throw LedgerRejection.invalid(RejectionCode.INVALID_AMOUNT, "actually_paid", RuleViolation.Rule.AMOUNT_OUT_OF_RANGE, "the received amount must be below %s", Currency.MAX_AMOUNT.toPlainString());
        }
        return currency.amount(value.setScale(currency.decimals(), RoundingMode.DOWN));
    }

    private static String idText(JsonNode callback, String field) {
        JsonNode node = callback.get(field);
        if (node != null && node.isTextual()) {
            return node.textValue();
        }
        if (node != null && node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, field,
                node == null || node.isNull() ? RuleViolation.Rule.FIELD_REQUIRED : RuleViolation.Rule.INVALID_FORMAT,
                "payment_id and order_id must be strings or whole numbers");
    }

    private static String text(JsonNode callback, String field) {
        JsonNode node = callback.get(field);
        if (node == null || !node.isTextual()) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, field, RuleViolation.Rule.FIELD_REQUIRED, "%s is missing", field);
        }
        return node.textValue();
    }
}
