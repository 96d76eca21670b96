/**
 * Typography for everything Vigie hands to a person. The implementation is pure and lives in the domain
 * (../domain/typography) so domain texts such as the CNIL draft use the same rules; exports import it here.
 */
export * from '../domain/typography';
