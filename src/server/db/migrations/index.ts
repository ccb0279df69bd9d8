import type { Migration } from 'kysely/migration';
import * as initial from './20261125T1300-initial.ts';
import * as assist from './20261125T1500-assist.ts';
import * as similar from './20261125T1600-similar.ts';
import * as consoleTables from './20261126T0900-console.ts';
import * as consoleQueues from './20261126T1000-console-queues.ts';
import * as performance from './20261127T0900-performance.ts';
import * as search from './20261127T1000-search.ts';
import * as openAppeals from './20261127T1100-open-appeals.ts';
import * as extensionRequests from './20261127T1200-extension-requests.ts';
import * as answerAttachments from './20261128T0900-answer-attachments.ts';
import * as reachAndTerms from './20261129T0900-reach-and-terms.ts';
import * as guessingLimits from './20261203T1000-guessing-limits.ts';
import * as auditIntegrity from './20261203T1100-audit-integrity.ts';
import * as attachmentReencoded from './20261203T1200-attachment-reencoded.ts';
import * as infoRequestClock from './20261203T1300-info-request-clock.ts';
import * as intakeReading from './20261203T1310-intake-reading.ts';
import * as complaintOutsideSubject from './20261203T1320-complaint-outside-subject.ts';
import * as appealPlace from './20261203T1400-appeal-place.ts';
import * as trainingLessons from './20261203T1500-training-lessons.ts';
import * as appealGroups from './20261203T1510-appeal-groups.ts';
import * as noticeDelivery from './20261203T1600-notice-delivery.ts';
import * as telegram from './20261203T1610-telegram.ts';
import * as staffNotices from './20261203T1620-staff-notices.ts';
import * as knowledge from './20261203T1700-knowledge.ts';
import * as noticeFailureCode from './20261203T1710-notice-failure-code.ts';
import * as staffChannels from './20261203T1800-staff-channels.ts';
import * as integrationKeys from './20261203T1810-integration-keys.ts';
import * as appealImports from './20261203T1900-appeal-imports.ts';
import * as forwardedAppeals from './20261203T1900-forwarded-appeals.ts';
import * as webhooks from './20261203T1910-webhooks.ts';
import * as surgeAlerts from './20261203T1920-surge-alerts.ts';
import * as openStats from './20261203T1940-open-stats.ts';
import * as workloadReturns from './20261203T2115-workload-returns.ts';
import * as scheduledReports from './20261203T2120-scheduled-reports.ts';
import * as keyRotation from './20261204T1520-key-rotation.ts';
import * as retention from './20261204T1530-retention.ts';
import * as leaderViews from './20261204T1540-leader-views.ts';
import * as passkeys from './20261204T1550-passkeys.ts';
import * as staffIdentities from './20261204T1600-staff-identities.ts';
import * as dailyRollup from './20261204T1700-daily-rollup.ts';
import * as karakalpakCitizens from './20261204T1900-karakalpak-citizens.ts';
import * as workloadIndexes from './20261205T0600-workload-indexes.ts';
import * as attachmentSealingKey from './20261205T1000-attachment-sealing-key.ts';
import * as territoryRollup from './20261205T1400-territory-rollup.ts';
import * as answeredRollup from './20261205T1500-answered-rollup.ts';
import * as subjectSnapshot from './20261205T2130-subject-snapshot.ts';
import * as openStatsRedirected from './20261205T2200-open-stats-redirected.ts';
import * as repeatNotDuplicate from './20261206T0300-repeat-not-duplicate.ts';

// Every migration, by its timestamped name. Listed here rather than found on disk so that the same
// code runs under tsx, Vitest and any bundler. Append only; never edit or reorder an applied one.
export const migrations: Record<string, Migration> = {
  '20261125T1300-initial': initial,
  '20261125T1500-assist': assist,
  '20261125T1600-similar': similar,
  '20261126T0900-console': consoleTables,
  '20261126T1000-console-queues': consoleQueues,
  '20261127T0900-performance': performance,
  '20261127T1000-search': search,
  '20261127T1100-open-appeals': openAppeals,
  '20261127T1200-extension-requests': extensionRequests,
  '20261128T0900-answer-attachments': answerAttachments,
  '20261129T0900-reach-and-terms': reachAndTerms,
  '20261203T1000-guessing-limits': guessingLimits,
  '20261203T1100-audit-integrity': auditIntegrity,
  '20261203T1200-attachment-reencoded': attachmentReencoded,
  '20261203T1300-info-request-clock': infoRequestClock,
  '20261203T1310-intake-reading': intakeReading,
  '20261203T1320-complaint-outside-subject': complaintOutsideSubject,
  '20261203T1400-appeal-place': appealPlace,
  '20261203T1500-training-lessons': trainingLessons,
  '20261203T1510-appeal-groups': appealGroups,
  '20261203T1600-notice-delivery': noticeDelivery,
  '20261203T1610-telegram': telegram,
  '20261203T1620-staff-notices': staffNotices,
  '20261203T1700-knowledge': knowledge,
  '20261203T1710-notice-failure-code': noticeFailureCode,
  '20261203T1800-staff-channels': staffChannels,
  '20261203T1810-integration-keys': integrationKeys,
  '20261203T1900-appeal-imports': appealImports,
  '20261203T1900-forwarded-appeals': forwardedAppeals,
  '20261203T1910-webhooks': webhooks,
  '20261203T1920-surge-alerts': surgeAlerts,
  '20261203T1940-open-stats': openStats,
  '20261203T2115-workload-returns': workloadReturns,
  '20261203T2120-scheduled-reports': scheduledReports,
  '20261204T1520-key-rotation': keyRotation,
  '20261204T1530-retention': retention,
  '20261204T1540-leader-views': leaderViews,
  '20261204T1550-passkeys': passkeys,
  '20261204T1600-staff-identities': staffIdentities,
  '20261204T1700-daily-rollup': dailyRollup,
  '20261204T1900-karakalpak-citizens': karakalpakCitizens,
  '20261205T0600-workload-indexes': workloadIndexes,
  '20261205T1000-attachment-sealing-key': attachmentSealingKey,
  '20261205T1400-territory-rollup': territoryRollup,
  '20261205T1500-answered-rollup': answeredRollup,
  '20261205T2130-subject-snapshot': subjectSnapshot,
  '20261205T2200-open-stats-redirected': openStatsRedirected,
  '20261206T0300-repeat-not-duplicate': repeatNotDuplicate,
};
