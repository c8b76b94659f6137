import { AppError } from "../../src/core/errors";

/** Returns the AppError a promise rejects with; throws (failing the test) when it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => {
      if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
      return error;
    },
  );
}
