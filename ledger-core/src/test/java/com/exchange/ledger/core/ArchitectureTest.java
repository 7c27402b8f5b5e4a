package com.exchange.ledger.core;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The domain stays free of the edges: no Spring, no Mongo, no JSON mapping, no Axon unit of work; shared value types
 * depend on no feature.
 */
@AnalyzeClasses(packages = "com.exchange.ledger.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsFreeOfFrameworksAtTheEdges = noClasses()
            .that().resideInAPackage("com.exchange.ledger.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "com.mongodb..", "org.bson..", "com.fasterxml.jackson.databind..")
            .because("ledger-core is the domain: HTTP, storage and JSON mapping belong to the modules around it");

    @ArchTest
    static final ArchRule domainHoldsNoUnitOfWork = noClasses()
            .that().resideInAPackage("com.exchange.ledger.core..")
            .should().dependOnClassesThat().resideInAPackage("org.axonframework.messaging.unitofwork..")
            .because("when and in which unit of work a command is sent is the service's Axon wiring (ADR 0018); the domain "
                    + "says what to send, through the ports of core.process");

    @ArchTest
    static final ArchRule sharedDependsOnNoFeature = noClasses()
            .that().resideInAPackage("com.exchange.ledger.core.shared..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.exchange.ledger.core.wallet..", "com.exchange.ledger.core.transfer..",
                    "com.exchange.ledger.core.deposit..", "com.exchange.ledger.core.withdrawal..",
                    "com.exchange.ledger.core.trade..", "com.exchange.ledger.core.swap..",
                    "com.exchange.ledger.core.expressbuy..", "com.exchange.ledger.core.referral..",
                    "com.exchange.ledger.core.process..", "com.exchange.ledger.core.flow..",
                    "com.exchange.ledger.core.liabilities..")
            .because("shared holds the value types every feature uses, so it cannot know any of them");

    @ArchTest
    static final ArchRule everyFeatureIsListedAbove = classes()
            .that().resideInAPackage("com.exchange.ledger.core.(*)..")
            .should().resideInAnyPackage("com.exchange.ledger.core.shared..", "com.exchange.ledger.core.wallet..",
                    "com.exchange.ledger.core.transfer..", "com.exchange.ledger.core.deposit..",
                    "com.exchange.ledger.core.withdrawal..", "com.exchange.ledger.core.trade..",
                    "com.exchange.ledger.core.swap..", "com.exchange.ledger.core.expressbuy..",
                    "com.exchange.ledger.core.referral..", "com.exchange.ledger.core.process..", "com.exchange.ledger.core.flow..",
                    "com.exchange.ledger.core.liabilities..")
            .because("a new feature package must be added to sharedDependsOnNoFeature, or shared could come to depend on it");

    @ArchTest
    static final ArchRule featuresTalkThroughCommandsAndEvents = noClasses()
            .that().resideInAnyPackage("com.exchange.ledger.core.deposit..", "com.exchange.ledger.core.withdrawal..",
                    "com.exchange.ledger.core.trade..", "com.exchange.ledger.core.swap..",
                    "com.exchange.ledger.core.expressbuy..")
            .should().dependOnClassesThat().resideInAnyPackage("com.exchange.ledger.core.transfer..",
                    "com.exchange.ledger.core.referral..")
            .because("a product flow moves money through the wallet's commands, not through another policy");

    @ArchTest
    static final ArchRule flowLifecycleKnowsNoFlow = noClasses()
            .that().resideInAPackage("com.exchange.ledger.core.flow..")
            .should().dependOnClassesThat().resideInAnyPackage("com.exchange.ledger.core.deposit..",
                    "com.exchange.ledger.core.withdrawal..", "com.exchange.ledger.core.trade..",
                    "com.exchange.ledger.core.swap..", "com.exchange.ledger.core.expressbuy..")
            .because("core.flow says once what every funded flow shares; a flow's specifics stay in its own package (ADR 0019)");

    @ArchTest
    static final ArchRule walletDoesNotKnowTheTransferPolicy = noClasses()
            .that().resideInAPackage("com.exchange.ledger.core.wallet..")
            .should().dependOnClassesThat().resideInAPackage("com.exchange.ledger.core.transfer..")
            .because("the transfer policy reacts to wallet events; the wallet does not call it");
}
