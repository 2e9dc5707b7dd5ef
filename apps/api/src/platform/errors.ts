/**
 * Errors the API raises itself, with stable codes like the domain's.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string) => new ApiError(404, 'NOT_FOUND', `${what} ${id} not found`, { id });
export const badRequest = (field: string, message: string) => new ApiError(400, 'INVALID_REQUEST', `${field}: ${message}`, { field });
