// Public surface of shared/pid: the person identification credential (type, claims, disclosure frame, display).
export { PID_VCT, PID_CONFIGURATION_ID, AGE_THRESHOLDS } from './vct.ts'
export { derivePidClaims } from './derive-claims.ts'
export type { EnrollmentRecord, PidClaims, PidAddress } from './derive-claims.ts'
export { pidDisclosureFrame, PID_SD_DIGESTS } from './frame.ts'
export { PID_DISPLAY, PID_CLAIMS_METADATA } from './metadata.ts'
