package it.shop;

import it.shop.fixtures.Basket;
import java.util.List;

/** Test code sees the test schemas' classes, built on the main ones. */
final class BasketUse {
    private BasketUse() {}

    static Basket oneItem() {
        return Basket.newBuilder().items(List.of(Item.newBuilder().sku("a").quantity(1).build())).build();
    }
}
