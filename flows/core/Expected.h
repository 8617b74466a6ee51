#pragma once

#include <utility>
#include <variant>

namespace ecalab {

// A minimal expected<T, E> (std::expected is C++23; we target C++20 on GCC 12).
// Fallible parsers return it instead of throwing across signal boundaries.
template<typename E>
struct Unexpected
{
    E error;
};

template<typename E>
Unexpected<std::decay_t<E>> unexpected(E &&error)
{
    return {std::forward<E>(error)};
}

template<typename T, typename E>
class Expected
{
public:
    Expected(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    template<typename G>
    Expected(Unexpected<G> failure) : m_data(std::in_place_index<1>, E(std::move(failure.error)))
    {
    }

    bool hasValue() const { return m_data.index() == 0; }
    explicit operator bool() const { return hasValue(); }
    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const E &error() const { return std::get<1>(m_data); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

private:
    std::variant<T, E> m_data;
};

} // namespace ecalab
