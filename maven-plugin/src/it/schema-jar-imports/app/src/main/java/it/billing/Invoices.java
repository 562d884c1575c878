package it.billing;

import it.common.Money;

/** Uses a type generated here that refers to one generated in the schema module. */
public final class Invoices {
    private Invoices() {}

    public static Invoice of(String id, long units) {
        return Invoice.newBuilder().id(id).total(Money.newBuilder().currency("EUR").units(units).build()).build();
    }
}
