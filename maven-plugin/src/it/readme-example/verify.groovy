// The README's code ran against the generated stubs: one call of each kind, then a clean close.
def log = new File(basedir, 'build.log').text
assert log.contains('Hello, Ada')
assert log.contains('3: hello, Ada')
assert log.contains('Ada waves')
assert log.contains('in process: Hello, Ada')
assert log.contains('in process: unwelcome, nameless')
