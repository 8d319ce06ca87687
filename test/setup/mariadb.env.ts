import { mariaDbTestUrl } from '../support/mariadb';

process.env.LATCHKEY_TEST_DB = 'mariadb';
process.env.TEST_DATABASE_URL = mariaDbTestUrl();
