export { generationWorkflow } from './generation';
export { loopWorkflow } from './loop';
