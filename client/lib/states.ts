/** Names of Mexico's states (INEGI codes) for display; kept in shared/ because the server's search names them too. */
export { stateName } from '../../shared/municipalities.js';
