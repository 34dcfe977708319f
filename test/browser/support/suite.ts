import { afterAll, afterEach, beforeAll, expect } from '@jest/globals';
import { logIn, openContext, type WatchedContext } from './browser.js';
import { type Creator, type DashboardStack, startDashboardStack } from './dashboard-stack.js';

export interface DashboardSuite {
  /** the API, worker and Chromium of this file's tests (set before the first test) */
  readonly stack: DashboardStack;
  /** A fresh browser context (own cookies) whose console is checked after the test. */
  newContext(options?: Parameters<typeof openContext>[1]): Promise<WatchedContext>;
  /** A fresh context with the creator logged in. */
  signedIn(creator: Creator, options?: Parameters<typeof openContext>[1]): Promise<WatchedContext>;
}

/**
 * The frame of a browser test file: one stack for the file; every test's contexts are closed after
 * it, and the test fails on a console error or an uncaught exception in any of their pages.
 */
export function dashboardSuite(): DashboardSuite {
  let stack: DashboardStack | undefined;
  let open: WatchedContext[] = [];

  beforeAll(async () => {
    stack = await startDashboardStack();
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  // each test's console is checked after it (a failed assertion above is reported first), then its browser closed
  afterEach(async () => {
    const contexts = open;
    open = [];
    const problems = contexts.flatMap((c) => c.console.problems);
    await Promise.all(contexts.map((c) => c.context.close()));
    expect(problems).toEqual([]);
  });

  const suite: DashboardSuite = {
    get stack() {
      if (!stack) throw new Error('the dashboard stack is not started');
      return stack;
    },
    async newContext(options) {
      const watched = await openContext(suite.stack.browser, options);
      open.push(watched);
      return watched;
    },
    async signedIn(creator, options) {
      const watched = await suite.newContext(options);
      await logIn(watched.context, suite.stack.base, creator);
      return watched;
    },
  };
  return suite;
}
