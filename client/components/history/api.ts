/** The version-history API: list and name versions, diff, restore, sign off. */
import type { TextRun } from '../../../shared/textDiff.js';
import type { PlanDiff, PlanVersion, VersionApproval } from '../../../shared/versions.js';
import { query, request } from '../../api/http.js';

export type { PlanDiff, PlanVersion } from '../../../shared/versions.js';
/** One run of a word diff (the diff's runs rebuild each side exactly). */
export type DiffRun = TextRun;

const enc = encodeURIComponent;

/** The versions of a plan, newest first. */
export async function listVersions(documentId: string, signal?: AbortSignal): Promise<PlanVersion[]> {
  return (await request<{ versions: PlanVersion[] }>('GET', `/api/documents/${enc(documentId)}/versions`, undefined, signal)).versions;
}

/** Names a version of the current content. */
export async function nameVersion(documentId: string, name: string, idempotencyKey?: string): Promise<PlanVersion> {
  return (await request<{ version: PlanVersion }>('POST', `/api/documents/${enc(documentId)}/versions`, { name }, undefined, idempotencyKey)).version;
}

/** What changed from one version to another version or to the current content. */
export function getDiff(documentId: string, from: string, to: string, signal?: AbortSignal): Promise<PlanDiff> {
  return request<PlanDiff>('GET', `/api/documents/${enc(documentId)}/diff${query({ from, to })}`, undefined, signal);
}

/** Makes a version's content current (members and facilitators); returns the automatic version saved before. */
export async function restoreVersion(versionId: string): Promise<PlanVersion> {
  return (await request<{ backupVersion: PlanVersion }>('POST', `/api/versions/${enc(versionId)}/restore`)).backupVersion;
}

/** Approves a named version for the caller's organization (its focal point). */
export async function approveVersion(versionId: string): Promise<VersionApproval> {
  return (await request<{ approval: VersionApproval }>('POST', `/api/versions/${enc(versionId)}/approvals`)).approval;
}

/** The download link of a version (or the current plan) in a format. */
export function exportHref(documentId: string, format: 'md' | 'docx' | 'pdf' | 'json', versionId?: string): string {
  return `/api/documents/${enc(documentId)}/export${query({ format, version: versionId })}`;
}
