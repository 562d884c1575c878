package io.quicidl.benchmarks.measures;

import com.google.protobuf.RuntimeVersion;
import io.quicidl.benchmarks.quicidl.Address;
import io.quicidl.benchmarks.quicidl.LineItem;
import io.quicidl.benchmarks.quicidl.Order;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The representative message of measure 8: one {@code Order} with the same values in quicidl's
 * generated class and in protobuf-java's, so that both codecs move the same bytes. Five line items,
 * four map entries, realistic strings, one of them non-ASCII.
 */
public final class CodecSampleOrder {
    /** The protobuf-java version the peer runs, which is also the protoc version of the build. */
    public static final String PROTOBUF_VERSION =
            RuntimeVersion.MAJOR + "." + RuntimeVersion.MINOR + "." + RuntimeVersion.PATCH;

    static final long ID = 9_876_543_210L;
    static final String CUSTOMER = "Zoë Ångström";
    static final String STREET = "221B Baker Street, Flat 3";
    static final String CITY = "London";
    static final String POSTAL_CODE = "NW1 6XE";
    static final String COUNTRY = "GB";
    static final long CREATED_MILLIS = 1_764_072_000_000L;
    static final boolean GIFT = true;

    private record Item(String sku, int quantity, long unitPriceCents, String description) {}

    private static final List<Item> ITEMS = List.of(
            new Item("SKU-000123-BLK", 1, 24_999, "Wireless noise-cancelling headphones, black"),
            new Item("SKU-004512-USB", 2, 1_299, "USB-C to USB-C cable, 2 m, braided"),
            new Item("SKU-078001-CASE", 1, 3_450, "Hard-shell travel case for over-ear headphones"),
            new Item("SKU-000007-BAT", 12, 199, "AA alkaline battery"),
            new Item("SKU-310200-GIFT", 1, 0, "Gift wrapping with a handwritten card"));

    /** Insertion order matters: both codecs write map entries in the map's iteration order. */
    private static final Map<String, String> ATTRIBUTES = attributes();

    private CodecSampleOrder() {}

    private static Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("channel", "web");
        attributes.put("coupon", "AUTUMN-2026");
        attributes.put("warehouse", "LHR-3");
        attributes.put("delivery_note", "Leave with the concierge if nobody answers the door");
        return attributes;
    }

    /** The order as quicidl's generated message. */
    public static Order quicidl() {
        List<LineItem> items = new ArrayList<>();
        for (Item item : ITEMS) {
            items.add(LineItem.newBuilder()
                    .sku(item.sku())
                    .quantity(item.quantity())
                    .unitPriceCents(item.unitPriceCents())
                    .description(item.description())
                    .build());
        }
        return Order.newBuilder()
                .id(ID)
                .customer(CUSTOMER)
                .shipTo(Address.newBuilder()
                        .street(STREET)
                        .city(CITY)
                        .postalCode(POSTAL_CODE)
                        .country(COUNTRY)
                        .build())
                .items(items)
                .attributes(ATTRIBUTES)
                .createdMillis(CREATED_MILLIS)
                .gift(GIFT)
                .build();
    }

    /** The same order as protobuf-java's generated message. */
    public static io.quicidl.benchmarks.proto.Order protobuf() {
        io.quicidl.benchmarks.proto.Order.Builder order = io.quicidl.benchmarks.proto.Order.newBuilder()
                .setId(ID)
                .setCustomer(CUSTOMER)
                .setShipTo(io.quicidl.benchmarks.proto.Address.newBuilder()
                        .setStreet(STREET)
                        .setCity(CITY)
                        .setPostalCode(POSTAL_CODE)
                        .setCountry(COUNTRY))
                .putAllAttributes(ATTRIBUTES)
                .setCreatedMillis(CREATED_MILLIS)
                .setGift(GIFT);
        for (Item item : ITEMS) {
            order.addItems(io.quicidl.benchmarks.proto.LineItem.newBuilder()
                    .setSku(item.sku())
                    .setQuantity(item.quantity())
                    .setUnitPriceCents(item.unitPriceCents())
                    .setDescription(item.description()));
        }
        return order.build();
    }
}
