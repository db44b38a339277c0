/**
 * The part of the WebAssembly JavaScript API the kernels use. Node has it as a global, but
 * the project's libs (ES2023 and @types/node 20, no DOM) do not declare it.
 */
declare namespace WebAssembly {
  interface MemoryDescriptor { initial: number; maximum?: number }
  interface Memory { readonly buffer: ArrayBuffer; grow(deltaPages: number): number }
  interface Module { readonly __brand?: 'WebAssembly.Module' }
  interface ModuleExportDescriptor { name: string; kind: string }
  interface Instance { readonly exports: Record<string, unknown> }
  type Imports = Record<string, Record<string, unknown>>;
  const Memory: { prototype: Memory; new (descriptor: MemoryDescriptor): Memory };
  const Module: { prototype: Module; new (bytes: Uint8Array): Module; exports(module: Module): ModuleExportDescriptor[] };
  const Instance: { prototype: Instance; new (module: Module, imports?: Imports): Instance };
  function validate(bytes: Uint8Array): boolean;
}
