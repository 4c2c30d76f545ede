// Shared plumbing for subcommands: global flags, opening the store, printing errors.
// Each subcommand lives in its own file and registers itself with the CLI11 app.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>

#include "core/error.h"
#include "core/network.h"
#include "store/store.h"

namespace anchornet::cli {

struct Globals {
  std::string db = "sqlite:anchornet.db";
  // Set by the chosen subcommand's callback; returns the process exit code.
  std::function<int()> run;
};

// Prints "error: ..." to stderr and returns the exit code for the error.
int Report(const core::Error& error);

// Opens the store named by --db. On failure prints the error; returns nullptr.
std::unique_ptr<store::Store> OpenStore(const Globals& g, int& exit_code);

// Opens the store and loads its network (kNoWorkspace when `init` was never run).
struct Workspace {
  std::unique_ptr<store::Store> store;
  core::Network network;
};
std::optional<Workspace> OpenWorkspace(const Globals& g, int& exit_code);

void AddInitCommand(CLI::App& app, Globals& g);
void AddNetworkCommand(CLI::App& app, Globals& g);
void AddImportCommand(CLI::App& app, Globals& g);
void AddImportsCommand(CLI::App& app, Globals& g);
void AddRejectsCommand(CLI::App& app, Globals& g);
void AddSpendCommand(CLI::App& app, Globals& g);
void AddDemoCommand(CLI::App& app, Globals& g);
void AddImportRegisterCommand(CLI::App& import, Globals& g);
void AddRegistersCommand(CLI::App& app, Globals& g);
void AddTemplateCommand(CLI::App& app, Globals& g);
void AddSuppliersCommand(CLI::App& app, Globals& g);
void AddReportCommand(CLI::App& app, Globals& g);
void AddFactorsCommand(CLI::App& app, Globals& g);
void AddReturnsCommand(CLI::App& app, Globals& g);
void AddTemplateReturnsCommand(CLI::App& tmpl, Globals& g);
void AddImportReturnsCommand(CLI::App& import, Globals& g);
void AddReportImpactCommand(CLI::App& report, Globals& g);
void AddServeCommand(CLI::App& app, Globals& g);

}  // namespace anchornet::cli
