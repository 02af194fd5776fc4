export { generationWorkflow } from './generation';
