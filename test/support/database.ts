import { DataSource } from 'typeorm';
import type { TestApp } from './test-app';

/** The app's own DataSource, to assert on what is stored and to set up states no route makes yet. */
export function dataSourceOf(testApp: TestApp): DataSource {
  return testApp.app.get(DataSource);
}
