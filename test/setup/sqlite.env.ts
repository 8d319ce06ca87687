// SQLite: every test app gets its own data directory, hence its own database file.
delete process.env.DATABASE_URL;
process.env.LATCHKEY_TEST_DB = 'sqlite';
