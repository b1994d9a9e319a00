/**
 * The client address of the HTTP request being handled, for the audit log's "from where". The
 * API's `preHandler` hook runs each handler inside `withRequestAddress`, so every `recordAudit`
 * a service makes during the request finds the address without each service passing it along.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const requestAddress = new AsyncLocalStorage<string>();

/** Runs `next` (the rest of the request) with the client address known to the audit log. */
export function withRequestAddress(ip: string, next: () => void): void {
  requestAddress.run(ip, next);
}

/** The address of the request in progress, or null outside a request (command line, seeds). */
export function currentRequestAddress(): string | null {
  return requestAddress.getStore() ?? null;
}
