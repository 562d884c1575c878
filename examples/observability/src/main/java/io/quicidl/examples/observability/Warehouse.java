package io.quicidl.examples.observability;

import io.quicidl.runtime.RequestStream;
import io.quicidl.runtime.ResponseSink;
import io.quicidl.runtime.ServerCallContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The inventory's handlers: a few items in memory, in SKU order. */
public final class Warehouse implements InventoryServer {
    private final Map<String, Item> items = new TreeMap<>();

    public Warehouse() {
        add("BLT-6", "hex bolt M6", 500);
        add("NUT-6", "hex nut M6", 120);
        add("SCR-4", "wood screw 4x40", 75);
        add("WSH-6", "washer M6", 0);
    }

    private void add(String sku, String name, int quantity) {
        items.put(sku, Item.newBuilder().sku(sku).name(name).quantity(quantity).build());
    }

    @Override
    public Item lookup(ItemQuery request, ServerCallContext context) throws UnknownSku {
        synchronized (items) {
            Item item = items.get(request.sku());
            if (item == null) {
                throw new UnknownSku(request.sku());
            }
            return item;
        }
    }

    @Override
    public void browse(StockQuery request, ResponseSink<Item> responses, ServerCallContext context) {
        List<Item> enough = new ArrayList<>();
        synchronized (items) {
            for (Item item : items.values()) {
                if (item.quantity() >= request.atLeast()) {
                    enough.add(item);
                }
            }
        }
        // Sent outside the lock: a slow client must not hold up the other calls.
        enough.forEach(responses::send);
    }

    @Override
    public Received restock(RequestStream<Delivery> requests, ServerCallContext context) throws UnknownSku {
        List<Delivery> deliveries = new ArrayList<>();
        requests.forEach(deliveries::add);
        int added = 0;
        synchronized (items) {
            // All SKUs checked before any is added, so a failed call changes nothing.
            for (Delivery delivery : deliveries) {
                if (!items.containsKey(delivery.sku())) {
                    throw new UnknownSku(delivery.sku());
                }
            }
            for (Delivery delivery : deliveries) {
                Item item = items.get(delivery.sku());
                add(item.sku(), item.name(), item.quantity() + delivery.quantity());
                added += delivery.quantity();
            }
        }
        return Received.newBuilder().deliveries(deliveries.size()).items(added).build();
    }
}
