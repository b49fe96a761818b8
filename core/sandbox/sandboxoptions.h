#pragma once

#include <QString>

#include <optional>

// How the sandbox behaves: the journy-sandbox command line maps onto this one to one.
struct SandboxOptions {
    static constexpr int DefaultRateLimit = 1800; // requests per key per sliding minute

    int rateLimitPerMinute = DefaultRateLimit;
    int latencyMs = 0;   // added before every API answer
    double failRate = 0; // 0..1: share of API requests answered 500
    double dropRate = 0; // 0..1: share of API requests whose connection is closed unanswered
    std::optional<quint32> seed; // makes fail/drop decisions repeatable
    QString stateFile;           // SQLite file; empty: state lives in memory only
};
