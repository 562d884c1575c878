def generated = new File(basedir, 'target/generated-sources/quic/it')
def lap = new File(generated, 'track/Lap.java')
assert lap.isFile()
assert lap.text.contains('it.units.Meters')
// Schemas of an extra import root are imported, not generated.
assert !new File(generated, 'units').exists()
