import { error } from '@sveltejs/kit';
import { call } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
  const result = await call(() =>
    locals.api.api.v1.trace[':traceCode'].$get({ param: { traceCode: params.traceCode } }),
  );
  if (!result.ok) {
    const { failure } = result;
    // A mistyped code (too long, unknown) is simply not found.
    if (failure.code === 'NOT_FOUND' || failure.code === 'VALIDATION_FAILED') error(404, { message: 'no such lot' });
    if (failure.code === 'NETWORK' || failure.code === 'SERVICE_UNAVAILABLE')
      error(503, { message: 'api unavailable' });
    throw new Error(`GET /trace/:code failed: ${failure.code} ${failure.message}`);
  }
  const trace = result.data;
  return {
    trace: {
      ...trace,
      // Only operator-checked certificates are told as part of the story.
      certifications: trace.certifications.filter((c) => c.isVerified),
    },
  };
};
