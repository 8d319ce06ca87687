/**
 * The key in use: in sessionStorage (gone when the tab closes), or in
 * localStorage when "remember on this device" was ticked.
 */
const STORAGE_KEY = 'latchkey.console.key';

export function loadKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY) ?? localStorage.getItem(STORAGE_KEY);
}

export function saveKey(key: string, remember: boolean): void {
  clearKey();
  (remember ? localStorage : sessionStorage).setItem(STORAGE_KEY, key);
}

export function clearKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
  localStorage.removeItem(STORAGE_KEY);
}
