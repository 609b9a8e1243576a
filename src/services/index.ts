// The services' public surface: what routes and the CLI import. See README.md.
export { SYSTEM_ACTOR, actorOf, type Actor } from './actor.ts'
export { AppError, HTTP_STATUS, toErrorBody, type ErrorCode } from './app-error.ts'
export { serviceMessage, type ServiceMessageKey } from './messages.ts'
export { createUser, verifyLogin, getUser, userLookup, resetPassword, ensureFirstAdmin, listUsers, NewUserInput } from './users-service.ts'
export { sessionSigningKey, type SessionSigningKey } from './session-key-service.ts'
export {
  createEvaluation, listEvaluations, getEvaluation, updateEvaluation,
  CreateEvaluationInput, UpdateEvaluationInput,
  type CatalogSource, type EvaluationSummary, type EvaluationDetails,
} from './evaluations-service.ts'
export { addCandidate, updateCandidate, removeCandidate, NewCandidateInput, CandidatePatch } from './candidates-service.ts'
export { addMember, updateMember, removeMember, linkMember, memberChoices, NewMemberInput, MemberPatch } from './members-service.ts'
export {
  updateCriterion, addCriterion, deleteCriterion, applyAhp,
  CriterionPatch, AddCriterionInput, AhpApplyInput, type AhpApplied,
} from './criteria-service.ts'
export { transition, allowedMoves, TransitionInput, type TransitionOptions } from './transitions-service.ts'
export { saveRating, saveRatings, listRatings, SaveRatingInput, SaveRatingsInput, type RatingView } from './ratings-service.ts'
export { declare, DeclarationInput } from './declaration-service.ts'
export { setPrice, listPrices, PriceInput, type PricesView, type PriceView } from './price-service.ts'
export { saveRatingsOnBehalf, OnBehalfInput } from './sheet-entry-service.ts'
export { getProgress, type Progress } from './progress-service.ts'
export { getResults, openResults, type BlindResultsView, type OpenResultsView, type ResultsView } from './results-service.ts'
export { auditChain, listAudit, type AuditChainView, type AuditEntryView } from './audit-service.ts'
export { verifyAudit, type AuditVerification } from './audit-verify.ts'
export { exportEvaluation, exportEvaluationFile, importEvaluationFile } from './exchange-service.ts'
export { reportFile, reportPdf, blankSheetsFile } from './report-service.ts'
export { uploadSignedReport, verifyReportPdf, signedReportCopy, type SignedKept, type PdfVerification } from './signed-report-service.ts'
export { exportResultsWorkbook, scoreSheetWorkbook, importScoreSheet, type XlsxOptions, type SheetUpload, type SheetApplied } from './exchange-xlsx.ts'
export {
  evaluationCatalog, saveEvaluationCatalog, importCatalog, loadStoredCatalogs, listCatalogEntries, catalogYaml,
  CatalogSaveInput, type CatalogStore, type SavedCatalog, type CatalogEntry,
} from './catalog-service.ts'
export { setConsensus, removeConsensus, SetConsensusInput, RemoveConsensusInput, type ConsensusView } from './consensus-service.ts'
export { updateMeeting, MeetingPatch } from './meeting-service.ts'
export { getReviewWorkspace, minutesFile, type ReviewWorkspace } from './review-service.ts'
