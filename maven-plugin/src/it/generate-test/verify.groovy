def main = new File(basedir, 'target/generated-sources/quic/it/shop')
def test = new File(basedir, 'target/generated-test-sources/quic/it/shop')
assert new File(main, 'Item.java').isFile()
assert new File(test, 'fixtures/Basket.java').isFile()
// The imported main schema is not generated again for the tests.
assert !new File(test, 'Item.java').exists()
assert new File(basedir, 'target/test-classes/it/shop/fixtures/Basket.class').isFile()
assert new File(basedir, 'target/test-classes/it/shop/BasketUse.class').isFile()
// Test schemas are not published in the jar's quic/ folder.
assert new File(basedir, 'target/classes/quic/shop.quic').isFile()
assert !new File(basedir, 'target/classes/quic/fixtures.quic').exists()
