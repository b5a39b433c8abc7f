import {
  type Commune,
  type CommuneHit,
  CommuneSearchQuerySchema,
  type CommuneSearchResponse,
  type FieldIssue,
} from '@nongsan/contracts';
import * as vn from '@nongsan/vn/communes';
import { AppError } from '../../errors.ts';
import { fieldIssues } from '../../lib/router.ts';

/** A unit as the API shows it: code, name, kind and its province's id and name. */
export function toCommune(commune: vn.Commune): Commune {
  const province = vn.provinceOfCommune(commune);
  return {
    code: commune.code,
    name: commune.name,
    kind: commune.kind,
    province: { id: province.id, name: province.name },
  };
}

function toHit(match: vn.CommuneMatch): CommuneHit {
  const former = match.former ? { name: match.former.name, isWhole: match.former.isWhole } : null;
  return { ...toCommune(match.commune), matchedFormer: former };
}

/**
 * The query string is checked with the shared CommuneSearchQuerySchema (the route's schema only
 * documents it): a province nobody knows or a limit out of range is 422 VALIDATION_FAILED.
 */
export function searchCommunes(raw: Record<string, string>): CommuneSearchResponse {
  const parsed = CommuneSearchQuerySchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'request failed validation',
      details: fieldIssues(parsed.error),
    });
  }
  const { q, province, limit } = parsed.data;
  return { communes: vn.searchCommunes(q, { provinceId: province, limit }).map(toHit) };
}

/** The unit with this code as the API shows it, or null. */
export function findCommune(code: string): Commune | null {
  const commune = vn.findCommuneByCode(code);
  return commune ? toCommune(commune) : null;
}

/** The unit with this code, or 404. */
export function getCommune(code: string): Commune {
  const commune = vn.findCommuneByCode(code);
  if (!commune) throw new AppError('NOT_FOUND', { message: 'no commune with this code' });
  return toCommune(commune);
}

/** The unit a request names by code; an unknown code is the request's fault: 422 on `field`. */
export function requireCommune(code: string, field: string): vn.Commune {
  const commune = vn.findCommuneByCode(code);
  if (!commune) {
    const details: FieldIssue[] = [{ path: field, code: 'not_found', message: `no commune with code ${code}` }];
    throw new AppError('VALIDATION_FAILED', { message: 'unknown commune', details });
  }
  return commune;
}

/** Folds every name once now, so the first buyer who types in a commune picker does not wait for it. */
export function warmCommuneIndex(): void {
  vn.searchCommunes('');
  vn.searchCommunes('a', { limit: 1 });
}
