def generated = new File(basedir, 'target/generated-sources/quic/it')
assert new File(generated, 'orders/Order.java').isFile()
assert !new File(generated, 'legacy').exists()
assert !new File(generated, 'orders/Return.java').exists()
// The jar publishes the same selection.
def published = new File(basedir, 'target/classes/quic')
assert new File(published, 'orders/orders.quic').isFile()
assert !new File(published, 'orders/returns_draft.quic').exists()
assert !new File(published, 'legacy').exists()
