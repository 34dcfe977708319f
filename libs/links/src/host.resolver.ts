import { lookup } from 'node:dns/promises';
import { Injectable } from '@nestjs/common';

/** How long a link's save waits for DNS before it goes on without the answer. */
const LOOKUP_TIMEOUT_MS = 2_000;

/**
 * The addresses a host name resolves to, for the self-loop check and webhook targets. A class, so that tests provide
 * one answering from a table (no network). A name that does not resolve (yet), or not in time,
 * answers none: a link may be saved before its target's DNS exists.
 */
@Injectable()
export class HostResolver {
  async addressesOf(hostname: string): Promise<string[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string[]>((resolve) => {
      timer = setTimeout(() => resolve([]), LOOKUP_TIMEOUT_MS);
    });
    const answer = lookup(hostname, { all: true, verbatim: true }).then(
      (records) => records.map((record) => record.address),
      () => [],
    );
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
