export default function sqliteGlobalSetup(): void {
  // Nothing to prepare: each test app creates its own SQLite file.
}
