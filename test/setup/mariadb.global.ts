import { mariaDbTestUrl, recreateDatabase } from '../support/mariadb';

export default async function mariaDbGlobalSetup(): Promise<void> {
  await recreateDatabase(mariaDbTestUrl());
}
